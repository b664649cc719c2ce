namespace Conformance.Contracts;

/// <summary>The function a cross-call runs on its targets: <c>void (*func)(void *info)</c>.</summary>
public delegate void SmpCallFunc(object? info);
