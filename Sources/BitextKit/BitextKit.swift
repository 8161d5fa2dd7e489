// BitextKit — the umbrella library: import this one module for all of bitext.
@_exported import BitextCore
@_exported import BitextLexicon
@_exported import BitextMatch
@_exported import BitextNormalize
@_exported import BitextScript
@_exported import BitextAlign
@_exported import BitextCanon
@_exported import BitextNames
@_exported import BitextTranslit

/// The version of the bitext package.
public let bitextVersion = "0.1.0"
