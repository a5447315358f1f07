"""Geography of HazeDesk, without Qt: boundaries, projection, adjacency, simplification, matplotlib layouts."""
