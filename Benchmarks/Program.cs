using BenchmarkDotNet.Running;

// Every suite of this assembly; pick with BenchmarkDotNet's own arguments (--filter, --job, --exporters).
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
