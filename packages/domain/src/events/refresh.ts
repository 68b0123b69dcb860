/**
 * How long the web waits after a live-feed message before it refetches what the message touches: lists, records and
 * the map, and (at most this often) the big screen's figures. The server may share one computed answer among readers
 * for less than these (settings MAP_SHARE_MS, DASHBOARD_SHARE_MS, bounded below them), so that a refetch made for a
 * change always sees it.
 */
export const FEED_REFETCH_MS = { lists: 500, dashboard: 3_000 } as const;
