"""Pure domain logic of HazeDesk: no Qt, no drawing. Tested without a display."""
