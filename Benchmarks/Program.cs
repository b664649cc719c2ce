using BenchmarkDotNet.Running;

// The suites of this assembly, chosen on the command line (--filter '*', --list flat).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
