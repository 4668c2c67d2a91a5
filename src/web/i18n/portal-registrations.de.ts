export const portalRegistrationsDe = {};
