/** The caller's card systems (GET /segmentation/me), loaded once per page. */
import { useEffect, useState } from 'react';
import { usePartnersApi, type Me } from './api';

export function useMe(): Me | null {
  const api = usePartnersApi();
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    // Without an answer the chooser offers nothing; the server still decides (400 at `cardSystem`).
    api.me().then(setMe, () => setMe({ allCardSystems: false, cardSystems: [] }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, []);
  return me;
}
