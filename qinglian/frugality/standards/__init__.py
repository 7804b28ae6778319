"""Standard tables (标准表): what each kind holds (specs), which row applies to a spending (lookup)."""
