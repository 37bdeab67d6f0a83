// The JS API of kyoto-widgets, as a page uses it.
import { ready, mount } from '/pkg/kyoto.js';

await ready;
const handle = mount(document.getElementById('by-api'), {
  kind: 'pillar-chart',
  src: 'examples/sample-activities.json',
  view: 'coverage',
  theme: 'high-contrast',
});
window.kyotoHandle = handle;
document.getElementById('push').addEventListener('click', () => {
  handle.update({
    version: 1,
    title: 'Pushed from the page',
    activities: [
      { id: 'p1', title: 'Pushed activity', paragraphs: '21, 22', status: 'completed' },
      { id: 'p2', title: 'Another one', paragraphs: 'paras. 93 to 95', status: 'ongoing' },
    ],
  });
});
