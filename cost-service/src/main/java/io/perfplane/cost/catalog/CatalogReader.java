package io.perfplane.cost.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads a {@link PricingCatalog} from its JSON resource. */
public final class CatalogReader {

  // Unknown fields fail the read: a typo in a price file must not silently drop a figure.
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private CatalogReader() {
  }

  /**
   * Parses and validates a catalog.
   *
   * @param json catalog JSON, closed by this method
   * @param name where the JSON came from, for error messages
   * @throws IllegalArgumentException if the JSON is malformed or the catalog is invalid
   */
  public static PricingCatalog read(InputStream json, String name) {
    try (json) {
      return MAPPER.readValue(json, PricingCatalog.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("invalid pricing catalog " + name + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read pricing catalog " + name, e);
    }
  }
}
