/**
 * The records the Entra connector hands over are those of the directory feature's source port: Graph-shaped names
 * are gone, nothing there knows of Graph's `@odata` annotations.
 */
export {
  DIRECTORY_USER_FIELDS,
  type DeltaPage,
  type DirectoryGroup,
  type DirectoryUser,
} from '../../src/features/directory/directory-source.js';
