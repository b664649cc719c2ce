namespace Conformance.Models;

/// <summary>The error the contract documents for a bad call; <see cref="None"/> when the call is valid.</summary>
public enum AllocError
{
    None,
    /// <summary>A negative size: <see cref="System.ArgumentOutOfRangeException"/>.</summary>
    NegativeSize,
    /// <summary>An alignment that is not a power of two or is above a page: <see cref="System.ArgumentException"/>.</summary>
    BadAlign,
    /// <summary>A free of a pointer that is not live: the contract's <c>InvalidFreeException</c>.</summary>
    InvalidFree,
}
