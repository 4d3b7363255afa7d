/** Offer text as a file to save (calendar files, CSV exports). */
export function downloadFile(text: string, type: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
