/** Shared by the server and the staff app (no dependencies, so the web bundle can import it). */
export const PASSWORD_MIN_LENGTH = 12;
