// Downloads: the scene's charts as one PNG, its loss history as CSV.

import { drawChart } from '../controls/chart.js';

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The charts of `canvases` side by side on white, each with its background, at full backing resolution. */
export function savePng(canvases, name) {
  const gap = 16;
  const width = canvases.reduce((w, c) => w + c.width, 0) + gap * (canvases.length - 1);
  const height = Math.max(...canvases.map((c) => c.height));
  const sheet = document.createElement('canvas');
  sheet.width = width;
  sheet.height = height;
  const context = sheet.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  let x = 0;
  for (const canvas of canvases) {
    drawChart(context, canvas, x, 0);
    x += canvas.width + gap;
  }
  sheet.toBlob((blob) => blob && download(blob, name), 'image/png');
}

export function saveCsv(text, name) {
  download(new Blob([text], { type: 'text/csv;charset=utf-8' }), name);
}
