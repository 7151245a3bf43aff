"""The eval suite: datasets with a schema, a runner over the public interface, the naive baseline, the report."""
