export const portalRegistrationsEn = {};
