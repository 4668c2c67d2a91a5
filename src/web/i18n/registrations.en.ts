export const registrationsEn = {};
