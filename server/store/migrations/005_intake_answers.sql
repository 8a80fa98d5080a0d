-- A booking's answers to its appointment type's intake questions, as `[{ id, label, value }]` in
-- the questions' order, each with the question as the patient read it (a later edit of the rules
-- does not change what staff see). Patient data like `patient`: read only by the staff list.
-- NULL: the type asked nothing.

ALTER TABLE bookings ADD COLUMN answers jsonb CHECK (answers IS NULL OR jsonb_typeof(answers) = 'array');
