namespace Conformance.Catalog;

/// <summary>A type cannot serve as an implementation: it implements no contract, has no usable constructor, or its constructor threw.</summary>
public sealed class ImplementationLoadException(string message, Exception? inner = null) : Exception(message, inner);
