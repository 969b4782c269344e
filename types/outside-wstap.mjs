// What `import 'wstap'` gives outside `wstap run`: the script API exists only inside a run.
throw new Error("'wstap' is the API of wstap scripts: run this file with `wstap run FILE` (docs/scripting.md)");
