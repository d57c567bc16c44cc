import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';

/** Plugin translations (translations/nl.json, en.json), prefixed with the plugin id. */
export function useT() {
  const { formatMessage } = useIntl();
  return (id: string, values?: Record<string, string | number>) => formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage: id }, values);
}
