/** The form settings contract lives with the shared contracts (the web app and the intake read it too). */
export * from '../../shared/form-settings.js';
