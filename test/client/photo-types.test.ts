import { isAcceptedPhoto } from '../../client/src/features/tickets/ticket-options';

/** A stand-in for the browser's File: only the name and the type are read. */
const file = (name: string, type: string) => ({ name, type }) as File;

describe('photos the report form takes', () => {
  it('takes JPEG, PNG, WebP and HEIC/HEIF by their type', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif']) {
      expect(isAcceptedPhoto(file('photo', type))).toBe(true);
    }
  });

  it('takes a HEIC file the system gave no type, by its name, and nothing else that way', () => {
    expect(isAcceptedPhoto(file('IMG_0042.HEIC', ''))).toBe(true);
    expect(isAcceptedPhoto(file('IMG_0042.heif', ''))).toBe(true);
    expect(isAcceptedPhoto(file('notes.txt', ''))).toBe(false);
    expect(isAcceptedPhoto(file('IMG_0042.HEIC', 'application/pdf'))).toBe(false);
    expect(isAcceptedPhoto(file('dessin.svg', 'image/svg+xml'))).toBe(false);
  });
});
