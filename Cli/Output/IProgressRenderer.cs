namespace Conformance.Cli.Output;

/// <summary>Shows a <see cref="ProgressBoard"/> while <c>work</c> runs.</summary>
public interface IProgressRenderer
{
    Task<T> RunAsync<T>(ProgressBoard board, Func<Task<T>> work);
}
