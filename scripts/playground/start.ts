// `npm start`: the local playground. Until it lands, says so plainly instead of failing.

console.log(
  [
    'Opportunity Tracker: the local playground (the add-on running in your browser on demo data)',
    'comes with the "sidebar and playground" issue. Until then:',
    '  npm run build   builds dist/ (Code.js, Sidebar.html, appsscript.json)',
    '  npm test        runs every check',
  ].join('\n'),
);
