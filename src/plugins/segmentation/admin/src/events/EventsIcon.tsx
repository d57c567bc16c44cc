import { Calendar } from '@strapi/icons';

export const EventsIcon = () => <Calendar />;
