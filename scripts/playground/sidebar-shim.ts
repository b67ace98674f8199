// The google.script bridge injected into the real Sidebar.html: every server call goes to the runtime.

/**
 * google.script.run as HtmlService gives it: any server function name, chainable success and
 * failure handlers and a user object, arguments and answers crossing as JSON. A thrown server error
 * reaches the failure handler as an Error with the server's message, as in Apps Script.
 */
export const scriptRunShim = `
(function () {
  function runner(onSuccess, onFailure, userObject) {
    var base = {
      withSuccessHandler: function (f) { return runner(f, onFailure, userObject); },
      withFailureHandler: function (f) { return runner(onSuccess, f, userObject); },
      withUserObject: function (o) { return runner(onSuccess, onFailure, o); },
    };
    return new Proxy(base, {
      get: function (target, name) {
        if (name in target) return target[name];
        if (typeof name !== 'string') return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          // The browser tab's user (the playground page keeps it per tab, in sessionStorage).
          var user = null;
          try { user = window.sessionStorage.getItem('playground.user'); } catch (e) { user = null; }
          var headers = { 'content-type': 'application/json' };
          if (user) headers['x-playground-user'] = user;
          fetch('/api/run', {
            method: 'POST',
            headers: headers,
            body: JSON.stringify({ fn: name, args: args }),
          })
            .then(function (response) {
              return response.json().then(function (body) { return { ok: response.ok, body: body }; });
            })
            .then(function (answer) {
              if (answer.ok) { if (onSuccess) onSuccess(answer.body.result, userObject); }
              else if (onFailure) onFailure(new Error(answer.body.error), userObject);
            })
            .catch(function (error) { if (onFailure) onFailure(error, userObject); });
        };
      },
    });
  }
  window.google = {
    script: {
      run: runner(null, null, undefined),
      host: {
        // A dialog asks the page to close it (the sidebar has its own close button).
        close: function () { window.parent.postMessage({ playground: 'close-dialog' }, '*'); },
        setHeight: function () {},
        setWidth: function () {},
        editor: { focus: function () {} },
      },
    },
  };
})();
`;

/** Puts the bridge before the sidebar's own script, so the sidebar finds google.script at start. */
export function withShim(sidebarHtml: string): string {
  const at = sidebarHtml.indexOf('<script');
  const tag = `<script>${scriptRunShim}</script>\n`;
  // Slices, not String.replace: the inlined sidebar code may contain "$&" and friends.
  return at < 0
    ? `${tag}${sidebarHtml}`
    : `${sidebarHtml.slice(0, at)}${tag}${sidebarHtml.slice(at)}`;
}
