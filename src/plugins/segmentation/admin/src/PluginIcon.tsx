import { Filter, Mail } from '@strapi/icons';

export const PluginIcon = () => <Filter />;
export const MailIcon = () => <Mail />;
