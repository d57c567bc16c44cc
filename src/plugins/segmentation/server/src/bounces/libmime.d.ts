/** The part of the untyped `libmime` package (5.x) the bounce classifier uses. */
declare module 'libmime' {
  interface Libmime {
    /** Unfolded, decoded header fields by lower-cased name, each with its values in order. */
    decodeHeaders(headers: string): Record<string, string[]>;
  }
  const libmime: Libmime;
  export default libmime;
}
