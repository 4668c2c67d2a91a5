/** The SECRET_KEY of test databases (derives the app role's password). Not a real secret. */
export const TEST_SECRET = 'test-secret-key-0123456789abcdef0123456789abcdef';
