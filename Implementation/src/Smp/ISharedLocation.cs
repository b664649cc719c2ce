namespace Conformance.Smp;

/// <summary>
/// A location other CPUs can observe: a <see cref="Word"/> or a <see cref="Cell{T}"/>. Its version
/// counts the writes to it, so a backend can tell when a spinning CPU's condition may have changed.
/// </summary>
public interface ISharedLocation
{
    /// <summary>The name used in traces and reports, such as <c>csd_data[1].flags</c>.</summary>
    string Name { get; }

    /// <summary>How many writes the location has seen; changes whenever its value may have changed.</summary>
    long Version { get; }

    /// <summary>The current value as text, for reports. Not a scheduling point.</summary>
    string Describe();
}
