/** Why a UiTID sign-in or access request cannot go on: what the person reads (Dutch and English) and the HTTP status. */
export const REFUSALS = {
  off: { status: 404, nl: 'Aanmelden met UiTID staat niet aan.', en: 'Sign-in with UiTID is not switched on.' },
  issuerError: { status: 400, nl: 'UiTID heeft de aanmelding niet voltooid.', en: 'UiTID did not complete the sign-in.' },
  issuerDown: { status: 502, nl: 'UiTID is nu niet bereikbaar. Probeer het later opnieuw.', en: 'UiTID cannot be reached now. Please try again later.' },
  flow: {
    status: 400,
    nl: 'Deze aanmelding is ongeldig, verlopen of al gebruikt. Begin opnieuw vanaf de aanmeldpagina.',
    en: 'This sign-in is invalid, expired or already used. Start again from the sign-in page.',
  },
  checks: {
    status: 400,
    nl: 'De aanmelding bij UiTID kon niet worden gecontroleerd (ongeldige of verlopen code of antwoord). Begin opnieuw.',
    en: 'The sign-in at UiTID could not be verified (an invalid or expired code or response). Please start again.',
  },
  blocked: {
    status: 403,
    nl: 'Je account is geblokkeerd. Neem contact op met een beheerder.',
    en: 'Your account is blocked. Please contact an administrator.',
  },
  deleted: {
    status: 403,
    nl: 'Je account bestaat niet meer. Vraag opnieuw toegang aan bij een beheerder.',
    en: 'Your account no longer exists. Please ask an administrator for access again.',
  },
  unverified: {
    status: 403,
    nl: 'UiTID heeft je e-mailadres nog niet bevestigd. Bevestig het bij UiTID en meld je opnieuw aan.',
    en: 'UiTID has not verified your e-mail address yet. Confirm it at UiTID and sign in again.',
  },
  noEmail: { status: 400, nl: 'UiTID gaf geen e-mailadres door.', en: 'UiTID did not pass on an e-mail address.' },
  shared: {
    status: 403,
    nl: 'Gedeelde adressen (zoals info@) zijn niet toegelaten: iedereen gebruikt een eigen account, zodat het logboek toont wie wat deed.',
    en: 'Shared addresses (such as info@) are not allowed: everyone uses their own account, so the audit log shows who did what.',
  },
  taken: {
    status: 409,
    nl: 'Dit e-mailadres hoort al bij een andere persoon. Neem contact op met een beheerder.',
    en: 'This e-mail address already belongs to another person. Please contact an administrator.',
  },
  pending: {
    status: 200,
    nl: 'Je aanvraag wordt nog bekeken. Je krijgt een mail zodra een beheerder beslist.',
    en: 'Your request is still being reviewed. You get a mail as soon as an administrator decides.',
  },
  ticket: {
    status: 400,
    nl: 'Dit formulier is verlopen of al verstuurd. Meld je opnieuw aan met UiTID.',
    en: 'This form has expired or was sent already. Please sign in with UiTID again.',
  },
} as const;

export type Refusal = keyof typeof REFUSALS;
