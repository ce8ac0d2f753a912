/** The part of heic-decode (no types of its own) that Préau uses. */
declare module 'heic-decode' {
  interface DecodedImage {
    width: number;
    height: number;
    /** RGBA, 4 bytes a pixel. */
    data: Uint8ClampedArray;
  }
  interface LazyImage {
    width: number;
    height: number;
    decode(): Promise<DecodedImage>;
  }
  function decode(input: { buffer: Buffer | Uint8Array }): Promise<DecodedImage>;
  namespace decode {
    function all(input: { buffer: Buffer | Uint8Array }): Promise<LazyImage[] & { dispose(): void }>;
  }
  export = decode;
}
