"""The kit's vocabularies and data: schema ids and their Indonesian names, the codebook, the corpus,
the scenarios, the maturity instrument and the official contacts that privacy leaves readable."""
