/** The "Evenementen" pages (issue 21): the events, one event with its messages, a message's form and its history. */
import { Route, Routes } from 'react-router-dom';
import { Page } from '@strapi/strapi/admin';
import { EventListPage } from './EventListPage';
import { EventPage } from './EventPage';
import { MessageFormPage } from './MessageFormPage';
import { HistoryPage } from './HistoryPage';

const READ = [{ action: 'plugin::segmentation.campaigns.read', subject: null }];

export function EventsApp() {
  return (
    <Page.Protect permissions={READ}>
      <Routes>
        <Route index element={<EventListPage />} />
        <Route path=":eventKey" element={<EventPage />} />
        <Route path=":eventKey/messages/new" element={<MessageFormPage />} />
        <Route path=":eventKey/messages/:id" element={<MessageFormPage />} />
        <Route path=":eventKey/messages/:id/history" element={<HistoryPage />} />
      </Routes>
    </Page.Protect>
  );
}

export default EventsApp;
