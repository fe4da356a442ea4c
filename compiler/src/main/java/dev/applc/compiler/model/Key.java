package dev.applc.compiler.model;

import java.util.Optional;

/**
 * A key by file reference: paths relative to the spec, never the key material. A CA that only
 * verifies (a keyring) has a certificate and no private key.
 */
public record Key(
    String name, Optional<String> privateKey, Optional<String> certificate, Origin origin) {}
