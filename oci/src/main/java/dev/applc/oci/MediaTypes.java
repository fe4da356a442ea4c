package dev.applc.oci;

import java.util.Set;

/** The media types of image indexes and manifests, OCI's and docker's. */
final class MediaTypes {
  private MediaTypes() {}

  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

  static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_LIST);
  static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
}
