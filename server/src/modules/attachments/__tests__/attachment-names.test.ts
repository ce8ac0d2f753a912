import { attachmentName, inlineDisposition } from '../attachment-names';

describe('attachmentName', () => {
  it('keeps the name and gives it the extension of the stored type', () => {
    expect(attachmentName('Imprimante CM2.jpeg', 'image/jpeg')).toBe('Imprimante CM2.jpg');
    expect(attachmentName('IMG_0042.HEIC', 'image/jpeg')).toBe('IMG_0042.jpg');
    expect(attachmentName('capture.png.jpg', 'image/png')).toBe('capture.png.png');
    expect(attachmentName('écran bleu', 'image/webp')).toBe('écran bleu.webp');
  });

  it('drops folders, control and direction-override characters, leading dots', () => {
    expect(attachmentName('C:\\Users\\marie\\Bureau\\panne.jpg', 'image/jpeg')).toBe('panne.jpg');
    expect(attachmentName('../../etc/passwd', 'image/png')).toBe('passwd.png');
    expect(attachmentName('photo\u202Egpj.exe', 'image/jpeg')).toBe('photogpj.jpg');
    expect(attachmentName('ligne\r\nX-Injected: 1.jpg', 'image/jpeg')).toBe('ligneX-Injected: 1.jpg');
    expect(attachmentName('.htaccess', 'image/png')).toBe('photo.png');
  });

  it('falls back to "photo" and shortens long names without splitting a character', () => {
    expect(attachmentName('', 'image/jpeg')).toBe('photo.jpg');
    expect(attachmentName('   .jpg', 'image/jpeg')).toBe('photo.jpg');
    const long = attachmentName(`${'😀'.repeat(300)}.jpg`, 'image/jpeg');
    expect(Array.from(long.replace(/\.jpg$/, ''))).toHaveLength(120);
    // No lone surrogate: UTF-8 would turn it into U+FFFD.
    expect(Buffer.from(long, 'utf8').toString('utf8')).toBe(long);
  });
});

describe('inlineDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(inlineDisposition('Élève "sage" (1).jpg')).toBe(`inline; filename="_l_ve _sage_ (1).jpg"; filename*=UTF-8''%C3%89l%C3%A8ve%20%22sage%22%20%281%29.jpg`);
  });

  it('round-trips through decodeURIComponent', () => {
    const name = "Salle d'arts plastiques 100%.png";
    const encoded = /filename\*=UTF-8''(.+)$/.exec(inlineDisposition(name))![1]!;
    expect(encoded).not.toMatch(/['()*\s]/);
    expect(decodeURIComponent(encoded)).toBe(name);
  });
});
