export const registrationsDe = {};
