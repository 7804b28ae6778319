"""The 廉政 ledgers' Word outputs (GB/T 9704-2012 through core.word.gbt9704), one module per ledger."""
