namespace Conformance.Backends.Threaded;

/// <summary>
/// Random delays at scheduling points, to shake out interleavings real threads rarely hit. Each
/// context draws from its own generator seeded from <see cref="Seed"/> and its context number, so
/// the delay choices of a run follow from the seed; the threads' timing does not.
/// </summary>
/// <param name="Seed">Printed with every failure of a chaos run.</param>
/// <param name="Probability">The chance that a scheduling point delays (0 to 1).</param>
/// <param name="MaxSpin">The longest delay, in <see cref="Thread.SpinWait"/> iterations.</param>
public sealed record ChaosOptions(int Seed, double Probability = 0.05, int MaxSpin = 400)
{
    internal void Validate()
    {
        if (double.IsNaN(Probability) || Probability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Probability), Probability, "a probability is between 0 and 1");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSpin, 1, nameof(MaxSpin));
    }
}
