// The judgement (scaling) band below the three columns. The question is shown verbatim and its direction is
// never reversed: 10 is safe enough to close, 0 is the child cannot live at home (product.md).

export const JUDGEMENT_LABEL = 'Judgement'

export const SCALING_QUESTION =
  'On a scale of 0 to 10, where 10 means everyone knows the child is safe enough for the case to be closed, ' +
  'and 0 means things are so bad for the child that they cannot live at home — where do you rate things today?'
