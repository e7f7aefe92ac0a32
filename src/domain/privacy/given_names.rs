//! Common given names, to recognise a person mentioned in notes. Compared
//! without case and accents (`Zoë`, `Zoe` and `ZOE` are one). Names that are
//! also everyday words, months, places or products (`May`, `Frank`, `Sage`,
//! `Austin`) are in [`AMBIGUOUS`]: they count as a name only with a surname
//! after them or a title before them.

/// Given names that are names and little else.
pub(super) const NAMES: &str = "
aaron abby abdul abdullah abigail abraham adam adele adrian adriana agnes ahmad ahmed aidan
aiden aisha alan albert alberto alejandra alejandro aleksandra alex alexander alexandra
alexandre alexis alfie alfred alfredo ali alice alicia alina alison allison amanda amelia amir
amit amy ana anastasia anders andre andrea andreas andrei andrew andrés andy angela angelica
angelo anika anita anja ann anna anne annette anthony antoine anton antonio anya arjun arnaud
arne arthur asha ashley astrid aurélie axel ayesha barbara bastian beatrice beatriz becky
bella ben benedikt benjamin benoît bernard bernd beth bethany bianca birgit björn brandon
brenda brian bridget brigitte bruno bryan caitlin camila camille carla carlos carmen caroline
carsten cathy cecilia chen chiara chinedu chioma chloe chloé chris christina christine
christoph christopher cindy claire clara claudia colin connor cristina cynthia dagmar daisuke
dan dana daniel daniela daniele danielle daria dario david davide debbie deborah deepak denise
dennis derek diana diane diego dimitri dirk dmitri dominic dominik donna doris dorothy dylan
edward eleanor elena elias elif elijah elisa elisabeth elise eliza elizabeth ella ellen emil
emily emma emmanuel enrique eric erica erik erika ernesto esther ethan eva evan fabian
fatima federica federico felipe felix fernanda fernando finn fiona florian francesca francesco
francisco françois frederik freya friedrich gabriel gabriela gabriele gabrielle gary gemma
george gerhard gianluca gillian giorgio giovanni giulia giuseppe gonzalo gregory greg gretchen
gunnar günter hana hannah hans harald harriet harry heather heidi heike helen helena helga
henrik henry hiroshi hugo ian ibrahim ida ignacio igor ilse ines ingrid irene isaac isabel
isabella isabelle ivan jacob jacqueline jake james jamie jana jane janet janine jason
javier jean jeff jeffrey jennifer jenny jens jeremy jessica jesús jiho jill joachim joan joanna
joaquín jochen joe joel johan johanna johannes john jon jonas jonathan jorge josé josef joseph
josephine joshua juan judith julia julian juliana julie julien jürgen justin kai karen karin
karina karl karthik kasia katarina kate katharina katherine kathleen kathryn katie katja
kayla keith kenji kerstin kevin kim kimberly klaus kristina kumar lara laura lauren laurent
lea leah lena leo leon leonardo leonie liam lily linda lisa lorenzo louis louise luca lucas
lucia luciana lucy luis luisa lukas łukasz luke lydia magdalena maja manuel manuela marc
marcel marcin marco marcos marcus margaret maria mariana marie marina mario marion marisa
markus marta martha martin martina mary mateo mathias matilda matteo matthew matthias maud
maximilian maya megan mehmet melanie melissa mia michael michaela michał michel michelle
miguel mikael mike mila miriam mohamed mohammed monica monika nadia nadine naomi natalia
natalie natasha nathalie nathan neha nicholas nicola nicolas nicole niklas nikolai nina noah
nora oliver olivia omar oscar pablo paolo pascal patricia patrick paul paula paulina pavel
pedro peter petra philip philipp philippe pierre piotr pooja priya rachel rafael rahul raj
rajesh ramón raphael rebecca renate richard rita robert roberta roberto rodrigo roman ronald
rosa ruth ryan sabine sabrina sakura samantha samuel sandra sanjay sara sarah sascha sebastian
sergei sergio shannon sharon sheila simon simone sofia sofie sonia sophia sophie stefan
stefanie stephanie stephen steven susan susanne svenja sven sylvia takeshi tamara tanja tanya
tatiana teresa theresa thomas thorsten tim timothy tobias tomás tom tomasz torsten ulrich
ursula valentina valeria vanessa vera veronica vikram vincent viktor walter wei
werner wolfgang xavier yasmin yuki yusuf yvonne zainab zoe zoë zofia
aoife siobhán niamh saoirse ciara sinéad eoin oisín renée søren sigrid solveig leif
magnus mette kirsten lars nils ole rasmus freja agnieszka katarzyna wojciech krzysztof
hiroko yui haruto sota ren minh thanh nguyen linh jiwoo seo-yeon ji-ho min-jun wei li-na
xiaoming jun oluwaseun ngozi adebayo kwame amara thabo zanele fatou moussa youssef
karim leila nour layla hamza rania aarav ananya ishaan kavya rohan sneha vivek meera
";

/// Names that are also words, months, places or products.
pub(super) const AMBIGUOUS: &str = "
ada al alexa amber angel eve jan milan victoria april art august austin bill bo bob cash chance charlotte chase cliff crystal
dale dallas dawn dean drew earl faith florence frank gene georgia glen grace grant guy harper
heath holly hope hunter iris ivy jack jackson jade jasper jordan joy june kent king lane lincoln
madison major mark mason max may miles morgan norman parker pat patience penny pearl phoenix
prince ray regina rob robin rose ruby sage sandy savannah sky skye stella sterling summer sunny
sydney taylor ted tyler victor violet wade will winter woody
";
