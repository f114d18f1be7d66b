package io.perfplane.launcher;

/** The five perfplane services, with the module that builds each and its default port. */
public enum Service {
  API("api-service", 8081),
  INGEST("ingest-service", 8082),
  LOADGEN("loadgen-service", 8083),
  ANALYZER("analyzer-service", 8084),
  COST("cost-service", 8085);

  private final String module;
  private final int defaultPort;

  Service(String module, int defaultPort) {
    this.module = module;
    this.defaultPort = defaultPort;
  }

  public String module() {
    return module;
  }

  public int defaultPort() {
    return defaultPort;
  }
}
