import { defineMessages } from '../common/i18n/messages';

/**
 * Every refusal of sign-in, accounts, roles and tokens (issue 16 item 6): Spanish exactly as the API and the pages
 * have always answered, English beside it, numbers and names as `{parameters}`.
 */
export const authTexts = defineMessages({
  invalidCredentials: {
    es: 'El correo o la contraseña no son correctos.',
    en: 'The e-mail or the password is not correct.',
  },
  tooManyAttempts: {
    es: 'Hubo demasiados intentos fallidos de ingreso desde su conexión. Vuelva a intentarlo en {wait}.',
    en: 'There were too many failed sign-in attempts from your connection. Try again in {wait}.',
  },
  passwordTooShort: {
    es: 'El campo {field} debe tener al menos 8 caracteres.',
    en: 'The field {field} must have at least 8 characters.',
  },
  passwordTooLong: {
    es: 'El campo {field} admite como máximo 256 bytes (unos 256 caracteres).',
    en: 'The field {field} allows at most 256 bytes (about 256 characters).',
  },
  linkInvalid: {
    es: 'El enlace no es válido, ya se usó o expiró. Pida uno nuevo.',
    en: 'The link is not valid, was already used or has expired. Ask for a new one.',
  },
  forbidden: {
    es: 'No tiene permiso para realizar esta acción.',
    en: 'You do not have permission to do this.',
  },
  notFound: {
    es: 'No existe lo que busca o no tiene acceso a ello.',
    en: 'What you are looking for does not exist or you have no access to it.',
  },
  tokenMissing: {
    es: 'Falta un token válido: envíe Authorization: Bearer <token>.',
    en: 'A valid token is missing: send Authorization: Bearer <token>.',
  },
  tokenInvalid: {
    es: 'El token no es válido, fue revocado o expiró.',
    en: 'The token is not valid, was revoked or has expired.',
  },
  passwordsDiffer: { es: 'Las contraseñas no coinciden.', en: 'The passwords do not match.' },
  confirmationDiffers: {
    es: 'La confirmación no coincide con la contraseña.',
    en: 'The confirmation does not match the password.',
  },
  formExpired: {
    es: 'El formulario expiró o no es válido. Recargue la página e intente de nuevo.',
    en: 'The form has expired or is not valid. Reload the page and try again.',
  },
  // ---- users and roles --------------------------------------------------------------------------------
  roleScopeMismatch: {
    es: 'El rol {role} se asigna en un ámbito de tipo {scopeType}.',
    en: 'The role {role} is granted in a scope of type {scopeType}.',
  },
  adminWithoutScope: {
    es: 'El rol de administrador no lleva ámbito.',
    en: 'The administrator role has no scope.',
  },
  communeUnknown: { es: 'No existe la comuna {code}.', en: 'There is no commune {code}.' },
  communeGivenUnknown: { es: 'La comuna indicada no existe.', en: 'The commune given does not exist.' },
  scopeUnknown: { es: 'No existe el ámbito {scopeType} {scopeId}.', en: 'There is no {scopeType} scope {scopeId}.' },
  scopeGivenUnknown: { es: 'El ámbito indicado no existe.', en: 'The scope given does not exist.' },
  officerGrants: {
    es: 'Un funcionario municipal solo asigna los roles de ministro de fe, directiva, socio o coordinador de mesa, en su comuna.',
    en: 'A municipal officer only grants the roles of faith minister, board, member or table coordinator, in their commune.',
  },
  officerInvites: {
    es: 'Un funcionario municipal invita por correo: no fija contraseñas ni vincula personas.',
    en: 'A municipal officer invites by e-mail: they neither set passwords nor link people.',
  },
  emailTaken: { es: 'Ya existe un usuario con ese correo.', en: 'A user with that e-mail already exists.' },
  personUnknown: {
    es: 'No existe la persona indicada en personId.',
    en: 'The person given in personId does not exist.',
  },
  selfDemotion: {
    es: 'No puede quitarse a sí mismo el rol de administrador.',
    en: 'You cannot remove the administrator role from yourself.',
  },
  selfDisable: { es: 'No puede desactivar su propia cuenta.', en: 'You cannot disable your own account.' },
  disableOutsideCommune: {
    es: 'Solo puede desactivar a personas cuyos roles sean todos de su comuna.',
    en: 'You can only disable people whose roles all lie in your commune.',
  },
});
