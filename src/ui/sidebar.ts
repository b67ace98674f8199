// The sidebar's script: renders the opportunity panel and talks to the server through the RPC contract.

function render(root: HTMLElement): void {
  const heading = document.createElement('h1');
  heading.textContent = 'Opportunity Tracker';
  root.replaceChildren(heading);
}

const root = document.getElementById('app');
if (root) render(root);
