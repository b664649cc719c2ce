using Conformance.Cli.Commands;

// Ctrl+C is handled by System.CommandLine: it cancels the token the running command gets.
return await ConformanceCli.CreateDefault().RunAsync(args);
