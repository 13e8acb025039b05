// Appended by build.mjs to Microsoft's Kusto parser scripts to make dist/cli/kusto.blob, a V8 startup snapshot:
// the parser is loaded and warmed up once, when the command line is built, instead of at every start (about a
// second of a run otherwise). The snapshot's main function then runs the compiled command line:
// `node --snapshot-blob dist/cli/kusto.blob -- dist/cli/huntboard.cjs <command> [options]`.
{
  // Parsing and analysing once builds the parser's grammar and the built-in functions' symbols, which Kusto
  // otherwise builds on first use.
  const language = globalThis.Kusto.Language;
  const table = language.Symbols.TableSymbol.From(
    '(Timestamp:datetime, DeviceId:string, DeviceName:string, FileName:string, ReportId:long, Port:int, Extra:dynamic)',
  ).WithName('WarmUp');
  const database = new language.Symbols.DatabaseSymbol.$ctor1('warmup', [table], false);
  const globals = language.GlobalState.Default.WithDatabase(database);
  const queries = [
    `let start = now(-5d); let names = dynamic(['a.exe', 'b.exe']);
WarmUp
| where Timestamp between (start .. now()) and FileName has_any (names) and not(DeviceName startswith 'x')
| where FileName in~ ('A.EXE') or FileName =~ 'c' or FileName contains 'd' or FileName matches regex '^e'
| extend Day = bin(Timestamp, 1d), Name = tolower(FileName), Part = split(DeviceName, '.')[0]
| summarize FirstSeen = min(Timestamp), LastSeen = max(Timestamp), Report = make_set(ReportId),
    Count = count(), Hosts = dcount(DeviceId), Ports = countif(Port > 1000) by DeviceId, DeviceName, Day
| order by LastSeen desc | take 100 | project DeviceId, Count`,
    `datatable(x:string)['a'] | join kind=inner (WarmUp | distinct DeviceId) on $left.x == $right.DeviceId | count`,
  ];
  for (const query of queries) {
    language.KustoCode.ParseAndAnalyze(query, globals).GetDiagnostics();
    language.KustoCode.Parse(query).GetSyntaxDiagnostics();
  }
}

require('node:v8').startupSnapshot.setDeserializeMainFunction(() => {
  const [bundle, ...args] = process.argv.slice(1);
  const { createRequire } = require('node:module');
  createRequire(bundle)(bundle).main(args);
});
