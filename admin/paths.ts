import { PLUGIN_ID } from '../shared/permissions';

/** The plugin's pages, absolute so they work from any page and inside links built anywhere. */
const root = `/plugins/${PLUGIN_ID}`;
export const paths = {
  segments: root,
  newSegment: `${root}/segments/new`,
  segment: (documentId: string) => `${root}/segments/${documentId}`,
  segmentMembers: (documentId: string) => `${root}/segments/${documentId}/members`,
  lists: `${root}/lists`,
  list: (documentId: string) => `${root}/lists/${documentId}`,
};
