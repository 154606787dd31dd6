"""Pure rules of family group decision making: no ORM, no UI, safe to import anywhere."""
