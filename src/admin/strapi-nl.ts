/**
 * Dutch texts for what Strapi's own admin leaves in English on the tool's pages: the content-type
 * names (keys are the schemas' display names), the Content Manager's name, the media dialog's
 * buttons and the Media Library banner. Merged over Strapi's Dutch translations.
 */
export const strapiDutch: Record<string, string> = {
  Campaign: 'Mailing',
  Segment: 'Segment',
  'Mail template': 'Mailsjabloon',
  'Sender address': 'Afzenderadres',
  'content-manager.plugin.name': 'Inhoudsbeheer',
  'upload.modal.upload-list.sub-header.add-folder': 'Map toevoegen',
  'upload.header.actions.add-folder': 'Nieuwe map toevoegen',
  'app.components.MediaLibraryBanner.intro': 'De nieuwe Mediabibliotheek ',
  'app.components.MediaLibraryBanner.text': 'Lees in de documentatie hoe je overschakelt.',
  'app.components.MediaLibraryBanner.text.enabled': 'Je gebruikt de vernieuwde versie.',
  'app.components.MediaLibraryBanner.close': 'Sluit de melding',
  'app.components.MediaLibraryBanner.button': 'Documentatie',
  'app.components.MediaLibraryBanner.button.enabled': 'Lees meer',
};

/** Labels the design system sets in English with no translation key (a dialog's close button). */
export const untranslatedLabels: Record<string, Record<string, string>> = {
  nl: { 'Close modal': 'Venster sluiten', 'Close the banner. ': 'Sluit de melding' },
};
