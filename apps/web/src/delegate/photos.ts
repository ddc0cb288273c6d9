/** Photos are shrunk on the device (longest side 1280 px, JPEG) before they are queued: a phone's camera file would fill the offline store. */
const MAX_SIDE = 1280;
const QUALITY = 0.72;

export async function shrinkPhoto(file: File): Promise<{ fileName: string; contentBase64: string }> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const dataUrl = canvas.toDataURL('image/jpeg', QUALITY);
  return { fileName: file.name.replace(/\.[^.]+$/, '') + '.jpg', contentBase64: dataUrl.slice(dataUrl.indexOf(',') + 1) };
}
