package io.perfplane.contracts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * What a consumer in any language does with only the .avsc file: check the 2-byte marker and the 8-byte
 * fingerprint, then read the Avro binary body. Deliberately avoids Avro's message classes.
 */
final class PlainAvro {

  private PlainAvro() {
  }

  static GenericRecord decodeSingleObject(Schema schema, byte[] wire) throws IOException {
    if (wire.length < 10 || wire[0] != (byte) 0xC3 || wire[1] != 0x01) {
      throw new IOException("not Avro single-object encoding");
    }
    long fingerprint = ByteBuffer.wrap(wire, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (fingerprint != SchemaNormalization.parsingFingerprint64(schema)) {
      throw new IOException("written with another schema: fingerprint " + Long.toHexString(fingerprint));
    }
    return new GenericDatumReader<GenericRecord>(schema)
        .read(null, DecoderFactory.get().binaryDecoder(wire, 10, wire.length - 10, null));
  }
}
